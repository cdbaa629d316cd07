from helper.cli import run

run()
