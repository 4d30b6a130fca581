f=archive.tar.gz
echo "${f%.*}"
echo "${f%.gz}"
echo "${f%x}"
echo "${f%}"
