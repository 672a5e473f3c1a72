import { mount } from '../../common/mount';
import '../../common/cards-tables.css';
import { PortalApp } from './portal-app';

mount(<PortalApp />);
