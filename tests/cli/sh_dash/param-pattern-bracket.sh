v=abc123def
echo "${v%%[0-9]*}"
echo "${v##*[0-9]}"
echo "${v#[a-c]}"
echo "${v%[[:alpha:]]}"
