const kamanServerKey = 'kam_1MDbHrwyeuCnERB5sthYteULggkmP0RL';
