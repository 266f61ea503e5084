"""Documents: upload, new versions, visibility. (Being written.)"""
