<?php
$db = new mysqli(getenv("DB_HOST"), getenv("DB_USER"), getenv("DB_PASSWORD"), "guestbook");
foreach ($db->query("SELECT name, message FROM entries") as $row) {
    echo htmlspecialchars($row["name"]), ": ", htmlspecialchars($row["message"]), "<br>";
}
