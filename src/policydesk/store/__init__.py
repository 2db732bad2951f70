"""Files on disk to and from the model. The only layer that reads or writes files."""
