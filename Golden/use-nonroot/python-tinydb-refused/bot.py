import os
import secrets

from telegram.ext import ApplicationBuilder, CommandHandler
from tinydb import TinyDB, Query

db = TinyDB("db.json")


async def generate(update, context):
    password = secrets.token_urlsafe(16)
    db.upsert({"user": update.effective_user.id, "last": password}, Query().user == update.effective_user.id)
    await update.message.reply_text(password)


app = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
app.add_handler(CommandHandler("generate", generate))
app.run_polling()
