echo first
x='never closed
