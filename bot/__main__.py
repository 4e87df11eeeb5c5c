"""`python -m bot` runs the corpusbot command line."""

from bot.cli import main

main()
