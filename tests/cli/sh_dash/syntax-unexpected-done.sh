echo first
done
echo never
