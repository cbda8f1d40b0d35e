"""Tests of the grading engine; fixtures for the parsers live in testdata/ (see regenerate.sh)."""
