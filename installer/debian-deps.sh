#!/usr/bin/env bash
# Installs what GridWhistle needs to build, run and test on Debian 12 (bookworm). Safe to run again.
set -euo pipefail
# qt6-charts-dev needs Qt6OpenGL's CMake package, which it does not pull in itself (libqt6opengl6-dev).
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite libqt6sql6-psql libgl1-mesa-dev libsqlite3-dev
    openssl libssl-dev postgresql poppler-utils fonts-noto-cjk
    qtkeychain-qt6-dev gnome-keyring dbus-daemon dbus-x11
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
