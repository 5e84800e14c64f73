"""Sync between a teacher's own computers, on git (through dulwich): records as files, merged."""
