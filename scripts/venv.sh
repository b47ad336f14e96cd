# Sourced by scripts/*.sh from the repository root: use the virtual environment .venv that
# scripts/setup.sh makes, as `. .venv/bin/activate` would, so that python3, mkdocs, govnews,
# pre-commit and pytest are the ones requirements.txt pins (Debian's own python3 is
# externally managed, PEP 668, and has none of them).
if [ -x .venv/bin/python ]; then
  export VIRTUAL_ENV="$PWD/.venv"
  export PATH="$VIRTUAL_ENV/bin:$PATH"
fi
