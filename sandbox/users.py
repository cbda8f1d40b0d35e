"""The two unprivileged users of a box.

The box user owns /work: it writes the sources, builds, and reads results back. The
candidate user runs the candidate's compiled code: it can read and run what the box user
built, but can change only the directories the box user opened to it (mode 1777). So code
under test can neither replace a test binary a later step runs nor signal the box's own
processes, and everything it started can be killed by uid once its run ends.
"""

BOX_UID = 10001
CANDIDATE_UID = 10002
