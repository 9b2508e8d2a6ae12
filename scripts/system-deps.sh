#!/usr/bin/env bash
# Install the Debian packages the portal needs, only those missing: `run` for the server,
# `test` for the suite as well, `bench` for the load and fault scripts (PostgreSQL, wrk). Needs root (or sudo) on Debian 12 when something is missing.
set -euo pipefail

want=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext)
if [ "${1:-run}" = "test" ]; then
  want+=(chromium poppler-utils nodejs npm redis-server default-jre-headless)  # Java: the Nu Html Checker
fi
if [ "${1:-run}" = "bench" ]; then
  want+=(postgresql wrk nginx redis-server)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Python or Node.js installed outside Debian (pyenv, nvm) brings its own venv and npm.
if [[ " ${missing[*]} " == *" python3-venv "* ]] && python3 -m venv --help >/dev/null 2>&1; then
  missing=("${missing[@]/python3-venv}")
fi
# Any Java 11 or later runs the Nu Html Checker; Debian's default is only the way to get one.
if command -v java >/dev/null 2>&1; then
  missing=("${missing[@]/default-jre-headless}")
fi
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
  missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
