"""Back end: printing, compiling and caching generated derivatives."""
