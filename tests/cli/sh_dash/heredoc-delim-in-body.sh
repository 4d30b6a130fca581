cat <<END
 END
END-not
END
