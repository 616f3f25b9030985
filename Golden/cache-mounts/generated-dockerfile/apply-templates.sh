#!/usr/bin/env bash
set -Eeuo pipefail
sed -e 's/{{ .debian }}/trixie/' Dockerfile.template > Dockerfile.tmp
{ printf '#\n# NOTE: THIS DOCKERFILE IS GENERATED VIA "apply-templates.sh"\n#\n# PLEASE DO NOT EDIT IT DIRECTLY.\n#\n\n'; cat Dockerfile.tmp; } > Dockerfile
rm Dockerfile.tmp
