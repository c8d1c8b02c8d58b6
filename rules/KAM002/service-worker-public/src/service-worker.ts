const K = "kam_VedUOPz6c2c34sW4Pr0BW2lWAn2VPbsu";
