"""What tests across apps share about accounts."""

#: Long enough for Django's password validators; used by every test account.
PASSWORD = "a-long-enough-passphrase-42"
