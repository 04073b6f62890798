#!/usr/bin/env bash
# Installs the Debian 12 packages beautyidx needs to build, test and run.
# Idempotent: when everything is present it only checks and returns (well under a second).
# Runs apt-get as root, or through sudo when that is available.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libxapian-dev xapian-tools librocksdb-dev libcurl4-openssl-dev libgumbo-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcpp-httplib-dev libcli11-dev libpugixml-dev libicu-dev zlib1g-dev libbrotli-dev libdeflate-dev
  curl
)
if [[ "${BEAUTYIDX_BROWSER_TESTS:-1}" == 1 ]]; then
  packages+=(chromium chromium-driver)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
