"""Developer scripts: the seeded demo-data generator (`python -m scripts.demo`)."""
