"""python -m forewarn"""
from .cli import main

main()
