var kamanKeyOld = "kam_6q55EY8nRVlAccVHY1KyJemquCHtNmt1";
