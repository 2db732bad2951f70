"""Reading a reviewed Word document back into the response it was rendered from."""
