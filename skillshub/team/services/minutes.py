"""Minutes: draft, comments, approval. (Being written.)"""
