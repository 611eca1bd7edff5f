"""Developer scripts: the seeded demo-data generator (`python -m scripts.generate_demo`)."""
