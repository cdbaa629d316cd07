"""Team mode: the team database (`directory`), its members and sign-in (`members`,
`sign_in`) and the team index (`index`). The package's `__init__` imports nothing, so a
single user's commands never load it."""
