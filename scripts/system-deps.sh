#!/usr/bin/env bash
# Installs the system programs Cinetwin runs, when they are missing:
#   ffmpeg + ffprobe  every render, probe and thumbnail
#   espeak-ng         the offline speech engine (narration)
#   festival          the clearer offline voice, with festvox-us-slt-hts (an HTS voice, US English)
#   fonts-dejavu-core the caption font
#   pocketsphinx      the offline recogniser (captions of media Cinetwin did not make), with
#                     pocketsphinx-en-us, its US English model
#   chromium          only for the end-to-end tests (pass --with-browser)
#   python3-requests  only for the end-to-end tests: they run the quickstart's Python example
#                     (skipped when a python3 on PATH, or Debian's own, already has requests)
set -euo pipefail
want=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || want+=(ffmpeg)
command -v espeak-ng >/dev/null || want+=(espeak-ng)
command -v text2wave >/dev/null || want+=(festival)
[ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ] || want+=(festvox-us-slt-hts)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want+=(fonts-dejavu-core)
command -v pocketsphinx_continuous >/dev/null || want+=(pocketsphinx)
[ -d /usr/share/pocketsphinx/model/en-us/en-us ] || want+=(pocketsphinx-en-us)
if [ "${1:-}" = "--with-browser" ]; then
  command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || want+=(chromium)
  has_requests() { command -v "$1" >/dev/null && "$1" -c "import requests" >/dev/null 2>&1; }
  has_requests python3 || has_requests /usr/bin/python3 || want+=(python3-requests)
fi
[ ${#want[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${want[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Please install these packages (as root): ${want[*]}" >&2; exit 1
  fi
fi
if ! command -v apt-get >/dev/null; then
  echo "No apt-get here: please install ${want[*]} with your package manager" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "Installed: ${want[*]}"
