#!/usr/bin/env bash
# `make run`'s last step: the background worker (e-mails, PDFs: meetings.tasks) beside the development
# server, both stopped together by Ctrl+C.
set -euo pipefail
PY="$1"; ADDRESS="$2"
DEBUG=true "$PY" manage.py worker --no-reload -v 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
DEBUG=true "$PY" manage.py runserver "$ADDRESS"
