"""Pass or fail: the CI gate, the baseline that lets a team adopt it, and the diff of two
assessments that a pull request is gated on."""
