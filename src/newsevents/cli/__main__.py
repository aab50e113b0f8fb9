from newsevents.cli import app

app()
