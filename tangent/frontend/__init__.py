"""Front end: source, name resolution and normalisation into A-normal form."""
