"""What the command line and the app call: one entry point per user action, over the store.

Each service does the whole of one action (checks, reads, writes, the notes to show) so the
two interfaces above differ only in how they ask and how they word what comes back.
"""
