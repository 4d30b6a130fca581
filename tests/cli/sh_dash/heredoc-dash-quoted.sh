x=v
cat <<-'END'
	$x stays
		every leading tab is stripped, not only the first
	END
