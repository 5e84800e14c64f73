"""One screen a file; ``areas.make`` builds the ones reached by the global keys."""
