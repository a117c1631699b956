#!/usr/bin/env bash
# Debian packages the tests need: chromium for Playwright, python3-numpy for the notebook helper, pandas,
# SciPy, scikit-learn, Pillow and openpyxl for the readers' answer keys and fixtures, matplotlib's sample
# images, a CJK font for the zh-CN screenshots, and what code-server's native modules build against (see
# ../shared/vscode-e2e.md). Skips what is present.
set -euo pipefail
packages=(chromium ripgrep build-essential pkg-config python3 python3-numpy python3-pandas python3-scipy python3-sklearn python3-pil python3-openpyxl python-matplotlib-data fonts-wqy-microhei libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
