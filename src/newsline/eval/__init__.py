"""Evaluation: readers, trainers and scorers for public benchmarks.

This package imports the product and is never imported by it (a test keeps it so).
"""
