# In a here-document body a backslash quotes only $ ` \ and newline
# (XCU 2.7.4): before " or any other character it stays.
x=v
cat <<END
\"q\" \a \$x \\ \`
END
