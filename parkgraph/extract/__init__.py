"""The extractor: turns an article with no curated annotation file into annotations."""
