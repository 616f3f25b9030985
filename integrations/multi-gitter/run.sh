#!/bin/sh
# The multi-gitter command line: the script above over every repository of
# an organisation, one branch and pull request per repository that changed.
# Add --dry-run to see the patches without pushing anything.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
exec multi-gitter run "$here/dockslim-slim.sh" \
  --org "${ORG:?set ORG to the organisation}" \
  --branch dockslim/slim \
  --commit-message "Slim the Dockerfiles (dockslim rewrite --recipe slim)" \
  --pr-title "Slim the Dockerfiles with dockslim" \
  --pr-body "dockslim rewrote the Dockerfiles with its slim recipe: builder and runtime stages, the smallest runtime image it could prove the program still runs on, non-root where it can. Each change was checked against the sources; files it could not prove safe were left alone. Review the diff and the CI build." \
  "$@"
