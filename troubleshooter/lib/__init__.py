"""What several apps share: JSON API plumbing, secret masking, Markdown, the language list.

Nothing here imports an app: the arrows point toward lib, never out of it.
"""
