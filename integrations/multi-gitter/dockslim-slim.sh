#!/bin/sh
# multi-gitter runs this script in the clone of each repository (the current
# folder is the repository's top). dockslim exits 0 whether or not it changed
# a file, and 1 only when something failed, so multi-gitter opens a pull
# request exactly when the working tree changed. Under `multi-gitter run
# --dry-run` multi-gitter sets DRY_RUN=true, and dockslim then prints the
# patch instead of writing.
#
# DOCKSLIM names the binary when it is not on PATH.
set -eu
exec "${DOCKSLIM:-dockslim}" rewrite --recipe slim -w .
