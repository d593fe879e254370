#!/usr/bin/env bash
# The shell side of the diagnosis vectors: the openssl CLI as people use it from scripts.
#
#   mistakes-openssl.sh echo   KEYHEX IVHEX TEXT   echo TEXT | openssl enc ... : the line end is encrypted too
#   mistakes-openssl.sh printf KEYHEX IVHEX TEXT   printf %s TEXT | openssl enc ... : right, with a raw hex key
#   mistakes-openssl.sh wrap   KEYHEX IVHEX TEXT   openssl enc -a without -A: base64 in lines of 64
# Prints the base64 as openssl writes it (for wrap: with its line breaks). Nothing here calls xiaoa-crypto.
set -euo pipefail
mode="$1" key="$2" iv="$3" text="$4"
case "$mode" in
  echo)   echo "$text" | openssl enc -aes-128-cbc -K "$key" -iv "$iv" -a -A ;;
  printf) printf '%s' "$text" | openssl enc -aes-128-cbc -K "$key" -iv "$iv" -a -A ;;
  wrap)   printf '%s' "$text" | openssl enc -aes-128-cbc -K "$key" -iv "$iv" -a ;;
  *) echo "unknown mode $mode" >&2; exit 64 ;;
esac
