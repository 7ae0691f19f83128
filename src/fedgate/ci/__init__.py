"""Running fedgate inside a CI system: the range from the CI event, and the CI's own outputs."""
