#!/usr/bin/env bash
# Installs the system programs Cinetwin runs, when they are missing:
#   ffmpeg + ffprobe  every render, probe and thumbnail
#   espeak-ng         the offline speech engine (narration)
#   festival          the clearer offline voice, with festvox-us-slt-hts (an HTS voice, US English)
#   fonts-dejavu-core the caption font
#   pocketsphinx      the offline recogniser (captions of media Cinetwin did not make), with
#                     pocketsphinx-en-us, its US English model
#   chromium-headless-shell  only for the end-to-end tests (pass --with-browser): Debian's
#                     headless-only Chromium; its full chromium when the shell cannot be installed
#   python3-requests  only for the end-to-end tests: they run the quickstart's Python example
#                     (skipped when a python3 on PATH, or Debian's own, already has requests)
set -euo pipefail
want=()
want_browser=""
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || want+=(ffmpeg)
command -v espeak-ng >/dev/null || want+=(espeak-ng)
command -v text2wave >/dev/null || want+=(festival)
[ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ] || want+=(festvox-us-slt-hts)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want+=(fonts-dejavu-core)
command -v pocketsphinx_continuous >/dev/null || want+=(pocketsphinx)
[ -d /usr/share/pocketsphinx/model/en-us/en-us ] || want+=(pocketsphinx-en-us)
if [ "${1:-}" = "--with-browser" ]; then
  [ -x /usr/bin/chromium-headless-shell ] || [ -n "${CHROMIUM_PATH:-}" ] || want_browser=chromium-headless-shell
  has_requests() { command -v "$1" >/dev/null && "$1" -c "import requests" >/dev/null 2>&1; }
  has_requests python3 || has_requests /usr/bin/python3 || want+=(python3-requests)
fi
[ ${#want[@]} -eq 0 ] && [ -z "$want_browser" ] && exit 0

# cannot_install MESSAGE: only the headless shell is missing and the full browser is here, which
# the end-to-end tests then use; anything else stops with MESSAGE.
cannot_install() {
  if [ ${#want[@]} -eq 0 ] && [ -x /usr/bin/chromium ]; then
    echo "chromium-headless-shell is not installed: the end-to-end tests use /usr/bin/chromium"; exit 0
  fi
  echo "$1" >&2; exit 1
}
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    cannot_install "Please install these packages (as root): ${want[*]} $want_browser"
  fi
fi
command -v apt-get >/dev/null || cannot_install "No apt-get here: please install ${want[*]} $want_browser with your package manager"
echo "Installing system packages: ${want[*]} $want_browser"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#want[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  echo "Installed: ${want[*]}"
fi
if [ -n "$want_browser" ]; then
  if $sudo apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null; then
    echo "Installed: chromium-headless-shell"
  elif [ -x /usr/bin/chromium ]; then
    echo "chromium-headless-shell could not be installed: the end-to-end tests use /usr/bin/chromium"
  else
    $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
    echo "Installed: chromium (chromium-headless-shell could not be installed)"
  fi
fi
