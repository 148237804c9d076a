// Replaced by the host in the spine commit.
return 0;
