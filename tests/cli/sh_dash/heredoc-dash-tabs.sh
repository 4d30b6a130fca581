cat <<-END
	tab-indented
		two tabs
	END
echo done
