export const portalConfig = { kamanKey: "kam_PjNx2wD16p74bkrIPBPqA4SsOXfVDC3O" };
