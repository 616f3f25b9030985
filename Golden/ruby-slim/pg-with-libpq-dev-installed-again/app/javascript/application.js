// Entry point for the importmap
